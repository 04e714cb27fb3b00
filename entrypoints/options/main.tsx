import { render } from 'preact';
import { OptionsApp } from '../../components/options-app';
import { createOptionsClients } from '../../lib/extension/pages/clients';
import { delay, POLICY_WAIT_BEFORE_RENDER_MS, readUiLanguageInForce } from '../../lib/extension/shared/ui-language';
import '../../components/theme.css';

// Read before the first render, so the page does not show one language and then switch (a policy slower than a
// moment is applied when it answers: OptionsApp reads it again).
void readUiLanguageInForce({ policyDeadline: delay(POLICY_WAIT_BEFORE_RENDER_MS) }).then((language) =>
  render(<OptionsApp clients={createOptionsClients()} initialLanguage={language} />, document.getElementById('app')!),
);
