import { render } from 'preact';
import { SidePanelApp } from '../../components/side-panel-app';
import { createSidePanelModel } from '../../components/side-panel-model';
import { createSidePanelClients } from '../../lib/extension/pages/clients';
import '../../components/theme.css';

const model = createSidePanelModel({ clients: createSidePanelClients(location.search), search: location.search });
render(<SidePanelApp model={model} />, document.getElementById('app')!);
