import { describe, expect, it } from 'vitest';
import { unwrappedText } from './unwrapped-text';

describe('unwrappedText', () => {
  it('joins hard-wrapped lines of a paragraph and keeps paragraph breaks', () => {
    expect(unwrappedText('Send a POST request to the endpoint\nwith the header below.\n\nA second\n  paragraph.')).toBe(
      'Send a POST request to the endpoint with the header below.\n\nA second paragraph.',
    );
  });

  it('keeps the line break before headings, list items, quotes, table rows and code fences', () => {
    const text = 'Intro line\n## API keys\nKeys are shown once\n- create one\n- revoke it\n1. first\n> quoted\n| a | b |\n| 1 | 2 |\n```\ncurl -X POST \\\n  -d {}\n```';
    expect(unwrappedText(text)).toBe(text);
    // the line after a heading starts its paragraph; that paragraph's own wraps are joined
    expect(unwrappedText('## API keys\nKeys are shown\nonce.')).toBe('## API keys\nKeys are shown once.');
  });
});
