import { render } from 'preact';
import { OptionsApp } from '../../components/options-app';
import { createOptionsClients } from '../../lib/extension/pages/clients';
import '../../components/theme.css';

render(<OptionsApp clients={createOptionsClients()} />, document.getElementById('app')!);
