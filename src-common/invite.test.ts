import { describe, expect, it } from 'vitest';
import {
  deepLink,
  displayFingerprint,
  INVITE_ALPHABET,
  inviteCodeFrom,
  joinLink,
  normalizeFingerprint,
  normalizeInviteCode,
  parseInviteLink,
  type CertFingerprint,
  type Invite,
  type InviteCode,
} from './invite';

const fp = 'ab'.repeat(32) as CertFingerprint;
const invite: Invite = { server: 'https://192.168.1.20:8443', code: '4F7-Q2K' as InviteCode, fingerprint: fp };

describe('invite codes', () => {
  it.each([
    ['4F7-Q2K', '4F7-Q2K'],
    ['4f7q2k', '4F7-Q2K'],
    [' 4F7 Q2K ', '4F7-Q2K'],
    ['4F7Q2', null],
    ['0O1-IL2', null],
    ['4F7-Q2KK', null],
    ['UUU-UUU', null],
  ])('reads %j as %j', (input, expected) => {
    expect(normalizeInviteCode(input)).toBe(expected);
  });

  it('draws every code from the unambiguous alphabet, three and three', () => {
    expect(INVITE_ALPHABET).not.toMatch(/[01OILU]/);
    const code = inviteCodeFrom(new Uint32Array([0, 1, 2, 29, 30, 4_000_000_000]));
    expect(code).toMatch(/^[2-9A-Z]{3}-[2-9A-Z]{3}$/);
    expect(normalizeInviteCode(code)).toBe(code);
  });
});

describe('invite links', () => {
  it('builds the browser link and the deep link, and reads both back', () => {
    expect(joinLink(invite)).toBe(`https://192.168.1.20:8443/j/4F7-Q2K#fp=${fp}`);
    expect(deepLink(invite)).toBe(`parley://join/4F7-Q2K?server=192.168.1.20%3A8443&fp=${fp}`);
    expect(parseInviteLink(joinLink(invite))).toEqual(invite);
    expect(parseInviteLink(deepLink(invite))).toEqual(invite);
  });

  it('accepts fingerprints with colons and capitals, and IPv6 and .local hosts', () => {
    const colons = fp.toUpperCase().match(/../g)!.join(':');
    expect(parseInviteLink(`https://[fe80::1]:9000/j/4f7q2k#fp=${colons}`)).toEqual({ ...invite, server: 'https://[fe80::1]:9000' });
    expect(parseInviteLink(`parley://join/4F7-Q2K?fp=${fp}&server=host-1.local:8443`)?.server).toBe('https://host-1.local:8443');
  });

  it.each([
    'http://192.168.1.20:8443/j/4F7-Q2K#fp=' + fp,
    'https://192.168.1.20:8443/j/4F7-Q2K',
    'https://192.168.1.20/j/4F7-Q2K#fp=' + fp,
    'https://192.168.1.20:70000/j/4F7-Q2K#fp=' + fp,
    'https://user@192.168.1.20:8443/j/4F7-Q2K#fp=' + fp,
    'https://192.168.1.20:8443/j/4F7-Q2K#fp=abc',
    'parley://join/4F7-Q2K?server=192.168.1.20:8443',
    'parley://join/4F7-Q2K?server=%E0%A4%A&fp=' + fp,
    'parley://evil/4F7-Q2K?server=192.168.1.20:8443&fp=' + fp,
    'javascript:alert(1)',
    'x'.repeat(600),
  ])('refuses %j', (link) => {
    expect(parseInviteLink(link)).toBeNull();
  });

  it('shows fingerprints in groups of four for comparing by eye', () => {
    expect(displayFingerprint(normalizeFingerprint('0123456789abcdef'.repeat(4))!)).toBe('0123 4567 89AB CDEF '.repeat(4).trim());
  });
});
