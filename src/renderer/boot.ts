/**
 * The page's entry. Outside a secure context (an http invite on another
 * machine's address) browsers give no camera or microphone API at all: say
 * so, instead of a blank page, and start the app only where it can work.
 */
import { detectLanguage, translator } from './i18n';
import './styles.css';

if (navigator.mediaDevices) {
  void import('./main');
} else {
  const t = translator(detectLanguage());
  const notice = document.createElement('main');
  notice.className = 'insecure-context';
  notice.setAttribute('role', 'alert');
  const title = document.createElement('h1');
  title.textContent = t('insecureTitle');
  const body = document.createElement('p');
  body.textContent = t('insecureBody');
  notice.append(title, body);
  document.getElementById('root')?.replaceChildren(notice);
}
