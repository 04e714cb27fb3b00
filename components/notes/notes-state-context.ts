import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { NotesState } from './notes-state';

/** Carries the notes state to the notes components; the section provides it. */
export const NotesStateContext = createContext<NotesState | undefined>(undefined);

/** The notes state; throws outside its provider, which is a wiring bug. */
export function useNotesState(): NotesState {
  const state = useContext(NotesStateContext);
  if (!state) throw new Error('useNotesState needs a NotesStateContext provider');
  return state;
}
