import { render } from 'preact';
import { SidePanelApp } from '../../components/side-panel-app';
import { createPanelState } from '../../components/panel-state';
import { createExtensionPanelClient } from '../../lib/extension/pages/panel-client';
import { createScriptState } from '../../components/script/script-state';
import { ScriptStateContext } from '../../components/script/script-state-context';
import { createExtensionScriptClient } from '../../lib/extension/pages/script-client';
import { browserDialerAccess, DialerAccessContext } from '../../components/detection/dialer-access';
import '../../components/theme.css';

const state = createPanelState({ client: createExtensionPanelClient(location.search) });
const scriptState = createScriptState({ client: createExtensionScriptClient(), panel: state });
render(
  <ScriptStateContext.Provider value={scriptState}>
    <DialerAccessContext.Provider value={browserDialerAccess}>
      <SidePanelApp state={state} />
    </DialerAccessContext.Provider>
  </ScriptStateContext.Provider>,
  document.getElementById('app')!,
);
