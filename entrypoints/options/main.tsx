import { render } from 'preact';
import { OptionsApp } from '../../components/options-app';
import { createOptionsClients } from '../../lib/extension/pages/clients';
import { readUiLanguageChoice } from '../../lib/extension/pages/ui-language-choice';
import '../../components/theme.css';

const clients = createOptionsClients();
void readUiLanguageChoice(clients.compliancePolicy).then((language) =>
  render(<OptionsApp clients={clients} initialLanguage={language} />, document.getElementById('app')!),
);
