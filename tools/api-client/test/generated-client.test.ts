import { readFileSync } from 'node:fs';
import { PATHS } from '@slipway/contract';
import { type ServiceProcess, startServiceProcess } from '@slipway/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_TYPES_FILE, renderClientTypes } from '../src/client-types.js';
import { usersRoundTrip } from '../src/users-round-trip.js';

const TOKEN = 'api-client-test-token-0123456789abcdef';

describe('a client generated from the OpenAPI document (openapi-typescript + openapi-fetch)', () => {
  let service: ServiceProcess;
  beforeAll(async () => {
    service = await startServiceProcess({ API_TOKENS: TOKEN });
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('is generated from the document the service serves now (npm run generate -w @slipway/api-client)', async () => {
    const document = (await (await fetch(`${service.url}${PATHS.openapi}`)).json()) as object;
    expect(readFileSync(CLIENT_TYPES_FILE, 'utf8')).toBe(await renderClientTypes(document));
  });

  it('creates, reads, lists, replaces, changes and deletes a user against the running service', async () => {
    const trip = await usersRoundTrip(service.url, TOKEN, 'CLIENT-1');

    expect(trip.created).toMatchObject({ dni: 'CLIENT-1', name: 'Ada Lovelace' });
    expect(trip.location).toBe(`${PATHS.users}/${trip.created.id}`);
    expect(trip.read).toEqual(trip.created);
    expect(trip.listed.map((user) => user.id)).toContain(trip.created.id);
    expect(trip.replaced).toMatchObject({ id: trip.created.id, name: 'Augusta Ada King' });
    expect(trip.changed).toMatchObject({ id: trip.created.id, dni: 'CLIENT-1', name: 'Ada' });
    expect(trip.deletedStatus).toBe(204);
    expect(trip.gone).toMatchObject({ status: 404, type: 'urn:slipway:problem:not-found' });
  });
});
