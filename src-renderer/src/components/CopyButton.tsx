import { useState } from 'react';

/** Copies `text` and says so next to the button (or why it could not). */
export function CopyButton({ text, what }: { text: string; what: string }) {
  const [said, setSaid] = useState<string | null>(null);
  const copy = (): void => {
    navigator.clipboard.writeText(text).then(
      () => setSaid('Copied'),
      (error: unknown) => {
        console.warn(`copying the ${what} failed`, error);
        setSaid('Could not copy: select it and copy by hand');
      },
    );
  };
  return (
    <>
      <button type="button" onClick={copy}>
        Copy {what}
      </button>
      {said && <span className="copy-status" role="status">{said}</span>}
    </>
  );
}
