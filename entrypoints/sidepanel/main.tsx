import { render } from 'preact';
import { SidePanelApp } from '../../components/side-panel-app';
import { createSidePanelModel } from '../../components/side-panel-model';
import { createSidePanelClients } from '../../lib/extension/pages/clients';
import { useBundledPhoneData } from '../../lib/phone/bundled-phone-data';
import '../../components/theme.css';

// The panel reads numbers itself (the promise's currency): it bundles the phone tables the worker fetches.
useBundledPhoneData();
const model = createSidePanelModel({ clients: createSidePanelClients(location.search), search: location.search });
render(<SidePanelApp model={model} />, document.getElementById('app')!);
