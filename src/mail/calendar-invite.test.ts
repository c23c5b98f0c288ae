import { describe, expect, it } from 'vitest';
import { buildInvite, type InviteArgs } from './calendar-invite.js';

const UID = 'appointment-7b1e4c2a-5d3f-4a8e-9c61-2f0d8b3e4a17@clinic.example';

function anInvite(overrides: Partial<InviteArgs> = {}): InviteArgs {
  return {
    uid: UID,
    sequence: 0,
    method: 'REQUEST',
    startsAt: new Date('2026-12-08T10:00:00+02:00'),
    endsAt: new Date('2026-12-08T10:30:00+02:00'),
    summary: 'Прийом: Андрій Мельник, кардіолог',
    description: 'Повторний огляд після аналізів.\nВізьміть, будь ласка, результати; дякуємо!',
    location: 'вул. Велика Васильківська, 72, Київ',
    organizer: { name: 'Клініка «Здоров’я»', email: 'info@clinic.example' },
    attendee: { name: 'Олена Коваленко', email: 'olena.kovalenko@example.com' },
    timezone: 'Europe/Kyiv',
    stamp: new Date('2026-12-07T08:15:00+02:00'),
    ...overrides,
  };
}

interface Property {
  name: string;
  params: string;
  value: string;
}

/** A small RFC 5545 reader: unfolds lines, splits each into name, parameters and value. */
function parse(ics: string): Property[] {
  return ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) => {
      const colon = line.search(/:(?=(?:[^"]*"[^"]*")*[^"]*$)/);
      const head = line.slice(0, colon);
      const semicolon = head.indexOf(';');
      return {
        name: (semicolon === -1 ? head : head.slice(0, semicolon)).toUpperCase(),
        params: semicolon === -1 ? '' : head.slice(semicolon + 1),
        value: line.slice(colon + 1),
      };
    });
}

function one(properties: Property[], name: string): Property {
  const found = properties.filter((property) => property.name === name);
  expect(found, name).toHaveLength(1);
  return found[0]!;
}

function eventOf(properties: Property[]): Property[] {
  const begin = properties.findIndex((p) => p.name === 'BEGIN' && p.value === 'VEVENT');
  const end = properties.findIndex((p) => p.name === 'END' && p.value === 'VEVENT');
  expect(begin).toBeGreaterThan(-1);
  return properties.slice(begin + 1, end);
}

const unescapeText = (value: string): string => value.replace(/\\n/gi, '\n').replace(/\\([\\;,])/g, '$1');

describe('the calendar invite of an appointment', () => {
  it('is a well-formed iCalendar: CRLF line ends, lines folded at 75 octets, one calendar with one event', () => {
    const ics = buildInvite(anInvite({ summary: 'Прийом: '.repeat(30) }));
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const properties = parse(ics);
    expect(one(properties, 'VERSION').value).toBe('2.0');
    expect(one(properties, 'PRODID').value).toContain('Clinicflow');
    expect(properties.filter((p) => p.name === 'BEGIN').map((p) => p.value)).toEqual(['VCALENDAR', 'VEVENT']);
  });

  it('asks the client’s calendar to add the visit: METHOD:REQUEST, UID, SEQUENCE, DTSTAMP and UTC times', () => {
    const properties = parse(buildInvite(anInvite()));
    expect(one(properties, 'METHOD').value).toBe('REQUEST');
    const event = eventOf(properties);
    expect(one(event, 'UID').value).toBe(UID);
    expect(one(event, 'SEQUENCE').value).toBe('0');
    expect(one(event, 'DTSTAMP').value).toBe('20261207T061500Z');
    expect(one(event, 'DTSTART')).toEqual({ name: 'DTSTART', params: '', value: '20261208T080000Z' });
    expect(one(event, 'DTEND')).toEqual({ name: 'DTEND', params: '', value: '20261208T083000Z' });
    expect(one(event, 'STATUS').value).toBe('CONFIRMED');
    expect(unescapeText(one(event, 'SUMMARY').value)).toBe('Прийом: Андрій Мельник, кардіолог');
    expect(unescapeText(one(event, 'DESCRIPTION').value)).toBe('Повторний огляд після аналізів.\nВізьміть, будь ласка, результати; дякуємо!');
    expect(unescapeText(one(event, 'LOCATION').value)).toBe('вул. Велика Васильківська, 72, Київ');
  });

  it('names the clinic as organizer and the client as attendee', () => {
    const event = eventOf(parse(buildInvite(anInvite())));
    const organizer = one(event, 'ORGANIZER');
    expect(organizer.value.toLowerCase()).toBe('mailto:info@clinic.example');
    expect(organizer.params).toBe('CN="Клініка «Здоров’я»"');
    const attendee = one(event, 'ATTENDEE');
    expect(attendee.value.toLowerCase()).toBe('mailto:olena.kovalenko@example.com');
    expect(attendee.params).toContain('CN="Олена Коваленко"');
    expect(attendee.params).toContain('ROLE=REQ-PARTICIPANT');
    expect(attendee.params).toContain('RSVP=FALSE');
  });

  it('moves the same event when the appointment moves: same UID, higher SEQUENCE, new times', () => {
    const first = eventOf(parse(buildInvite(anInvite())));
    const moved = eventOf(
      parse(
        buildInvite(
          anInvite({ sequence: 1, startsAt: new Date('2026-12-10T09:30:00+02:00'), endsAt: new Date('2026-12-10T10:00:00+02:00'), stamp: new Date('2026-12-07T12:00:00Z') }),
        ),
      ),
    );
    expect(one(moved, 'UID').value).toBe(one(first, 'UID').value);
    expect(Number(one(moved, 'SEQUENCE').value)).toBeGreaterThan(Number(one(first, 'SEQUENCE').value));
    expect(one(moved, 'DTSTART').value).toBe('20261210T073000Z');
    expect(one(moved, 'DTSTAMP').value).toBe('20261207T120000Z');
  });

  it('removes the event when the appointment is cancelled: METHOD:CANCEL, STATUS:CANCELLED, same UID', () => {
    const properties = parse(buildInvite(anInvite({ method: 'CANCEL', sequence: 2 })));
    expect(one(properties, 'METHOD').value).toBe('CANCEL');
    const event = eventOf(properties);
    expect(one(event, 'UID').value).toBe(UID);
    expect(one(event, 'SEQUENCE').value).toBe('2');
    expect(one(event, 'STATUS').value).toBe('CANCELLED');
    expect(one(event, 'ATTENDEE').value.toLowerCase()).toBe('mailto:olena.kovalenko@example.com');
  });

  it('writes UTC times across the change to summer time', () => {
    // 09:00 in Kyiv is 07:00Z in winter (UTC+2) and 06:00Z in summer (UTC+3).
    const winter = eventOf(parse(buildInvite(anInvite({ startsAt: new Date('2026-03-28T09:00:00+02:00'), endsAt: new Date('2026-03-28T09:30:00+02:00') }))));
    const summer = eventOf(parse(buildInvite(anInvite({ startsAt: new Date('2026-03-30T09:00:00+03:00'), endsAt: new Date('2026-03-30T09:30:00+03:00') }))));
    expect(one(winter, 'DTSTART').value).toBe('20260328T070000Z');
    expect(one(summer, 'DTSTART').value).toBe('20260330T060000Z');
  });

  it('keeps hostile text inside its own property: no injected line, no broken quoted parameter', () => {
    const ics = buildInvite(
      anInvite({
        summary: 'Visit\r\nATTENDEE:mailto:evil@example.com',
        description: 'a\nEND:VEVENT',
        attendee: { name: 'Olena "O\'K" \r\nKovalenko', email: 'olena@example.com' },
      }),
    );
    const event = eventOf(parse(ics));
    expect(event.filter((p) => p.name === 'ATTENDEE')).toHaveLength(1);
    expect(event.filter((p) => p.name === 'END')).toHaveLength(0);
    expect(unescapeText(one(event, 'SUMMARY').value)).toBe('Visit\nATTENDEE:mailto:evil@example.com');
    expect(one(event, 'ATTENDEE').params).toContain('CN="Olena \'O\'K\' Kovalenko"');
  });
});
