import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { OptionsClients } from '../lib/extension/pages/clients';

/** Carries the options page's clients from its entry point (or a test) to the sections. */
export const OptionsClientsContext = createContext<OptionsClients | undefined>(undefined);

/** The options page's clients; throws outside the provider, which is a wiring bug. */
export function useOptionsClients(): OptionsClients {
  const clients = useContext(OptionsClientsContext);
  if (!clients) throw new Error('options components need an OptionsClientsContext provider');
  return clients;
}
