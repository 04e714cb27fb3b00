import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ScriptState } from './script-state';

/** Carries the script state to the script view. Absent (a panel built without the script feature): no view. */
export const ScriptStateContext = createContext<ScriptState | undefined>(undefined);

/** The script state, or undefined outside a provider. */
export function useScriptState(): ScriptState | undefined {
  return useContext(ScriptStateContext);
}
