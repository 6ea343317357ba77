// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { CHAT_TAG, ParleyChat } from './parley-chat';

// Nothing in this file defines the element: these are the class's own properties, as a copy of
// the widget whose define() another copy beat (and @lit/react, which looks at the prototype) sees them.
describe('ParleyChat reactive properties', () => {
  it('has its accessors on the prototype before the element is defined', () => {
    expect(customElements.get(CHAT_TAG)).toBeUndefined();
    for (const name of ['siteKey', 'relayOrigin', 'open', 'language', 'theme', 'createSocket']) {
      expect(Object.getOwnPropertyDescriptor(ParleyChat.prototype, name)?.set, name).toBeTypeOf('function');
    }
  });

  it('observes the attributes the snippet and sites write, and no attribute for the socket factory', () => {
    expect([...ParleyChat.observedAttributes].sort()).toEqual(['language', 'open', 'relay-origin', 'site-key', 'theme']);
  });
});
