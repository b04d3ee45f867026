/** Icons of the canvas' own buttons under the zoom controls. */
export function NoteIcon() {
  return (
    <svg viewBox="0 0 16 16" aria-hidden>
      <path d="M2 2h12v8l-4 4H2z M10 14v-4h4" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
    </svg>
  );
}

export function TidyIcon() {
  return (
    <svg viewBox="0 0 16 16" aria-hidden>
      <path d="M1.5 3h4v3h-4z M10.5 1.5h4v3h-4z M10.5 10.5h4v3h-4z M5.5 4.5h2.5v-1.5h2.5 M8 4.5v7.5h2.5" fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinejoin="round" />
    </svg>
  );
}
