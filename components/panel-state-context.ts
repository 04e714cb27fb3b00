import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { PanelState } from './panel-state';

/** Carries the panel state to components without globals. */
export const PanelStateContext = createContext<PanelState | undefined>(undefined);

/** The panel state; throws when a component is used outside its provider, which is a wiring bug. */
export function usePanelState(): PanelState {
  const state = useContext(PanelStateContext);
  if (!state) throw new Error('usePanelState needs a PanelStateContext provider');
  return state;
}
