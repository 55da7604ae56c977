/** A side drawer of the call view: a titled region with a close button. */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import { CloseIcon } from './icons';

interface PanelProps {
  className: string;
  role: 'complementary' | 'dialog';
  title: string;
  onClose(): void;
  children: ReactNode;
}

export function Panel({ className, role, title, onClose, children }: PanelProps) {
  const { t } = useI18n();
  // <aside> is complementary already, and ARIA allows it no dialog role: a dialog is a div.
  const Element = role === 'dialog' ? 'div' : 'aside';
  return (
    <Element
      className={`panel ${className}`}
      role={role === 'dialog' ? 'dialog' : undefined}
      aria-label={title}
    >
      <header>
        <h2>{title}</h2>
        <button type="button" className="icon" aria-label={t('close')} onClick={onClose}>
          <CloseIcon />
        </button>
      </header>
      {children}
    </Element>
  );
}
