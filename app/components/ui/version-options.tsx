/** The <option>s of a version picker: "v3 — its message" (a long message cut at `messageChars`), or "v3" alone. */
export function VersionOptions({ versions, messageChars = 80, numbersOnly = false }: { versions: readonly { id: string; number: number; message: string }[] | undefined; messageChars?: number; numbersOnly?: boolean }) {
  return (
    <>
      {versions?.map((v) => (
        <option key={v.id} value={v.id}>
          {`v${v.number}${!numbersOnly && v.message ? ` — ${v.message.slice(0, messageChars)}` : ''}`}
        </option>
      ))}
    </>
  );
}
