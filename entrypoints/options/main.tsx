import { render } from 'preact';
import { OptionsApp } from '../../components/options-app';
import { createOptionsClients } from '../../lib/extension/pages/clients';
import { readUiLanguageInForce } from '../../lib/extension/shared/ui-language';
import '../../components/theme.css';

// Read before the first render, so the page never shows one language and then switches to another.
void readUiLanguageInForce().then((language) =>
  render(<OptionsApp clients={createOptionsClients()} initialLanguage={language} />, document.getElementById('app')!),
);
