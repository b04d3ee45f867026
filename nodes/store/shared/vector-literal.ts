/** pgvector's text format: `[1,2,3]`. Rows travel as text and are cast with `::vector`. */
export function toVectorLiteral(values: ArrayLike<number>): string {
  let out = '[';
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) throw new RangeError(`vector component ${i} is ${v}`);
    // vector stores float4: 8 significant digits round-trip it and keep the payload small.
    out += (i === 0 ? '' : ',') + String(Number(v.toPrecision(8)));
  }
  return out + ']';
}

export function parseVectorLiteral(text: string): Float32Array {
  const body = text.trim().replace(/^\[/, '').replace(/\]$/, '');
  if (body.length === 0) return new Float32Array(0);
  return Float32Array.from(body.split(','), Number);
}
