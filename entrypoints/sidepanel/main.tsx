import { render } from 'preact';
import { SidePanelApp } from '../../components/side-panel-app';
import { createPanelState } from '../../components/panel-state';
import { createExtensionPanelClient } from '../../lib/extension/panel-client';
import '../../components/theme.css';

const state = createPanelState({ client: createExtensionPanelClient(location.search) });
render(<SidePanelApp state={state} />, document.getElementById('app')!);
