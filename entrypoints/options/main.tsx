import { render } from 'preact';
import { OptionsApp } from '../../components/options-app';
import '../../components/theme.css';

render(<OptionsApp />, document.getElementById('app')!);
