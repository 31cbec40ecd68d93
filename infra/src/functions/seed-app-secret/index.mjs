// CloudFormation custom resource: on Create, adds a random API token to the service's app secret
// if it has none, so the first deployment of the service finds every key it needs. The token is
// generated here and written straight to Secrets Manager: it never passes through CloudFormation
// (templates, events, outputs). Update and Delete change nothing: operators own the tokens after
// that (README, "Rotating the service secrets"). Plain JavaScript with the runtime's AWS SDK, so it
// is deployed as is, without a bundling step.
import { randomBytes } from 'node:crypto';

export const API_TOKENS_KEY = 'API_TOKENS';

/** The new secret string, or undefined when the secret already carries tokens. */
export function withApiToken(secretString, token) {
  const value = JSON.parse(secretString);
  if (typeof value[API_TOKENS_KEY] === 'string' && value[API_TOKENS_KEY].length > 0) return undefined;
  return JSON.stringify({ ...value, [API_TOKENS_KEY]: token });
}

/** `secrets`: { read(id) → secret string, write(id, string) }. */
export async function seed(secrets, secretId) {
  const next = withApiToken((await secrets.read(secretId)) ?? '{}', randomBytes(32).toString('hex'));
  if (next === undefined) return 'already seeded';
  await secrets.write(secretId, next);
  return 'seeded';
}

/** Secrets Manager through the AWS SDK that the Lambda runtime provides (imported lazily). */
async function secretsManager() {
  const sdk = await import('@aws-sdk/client-secrets-manager');
  const client = new sdk.SecretsManagerClient({});
  return {
    read: async (id) => (await client.send(new sdk.GetSecretValueCommand({ SecretId: id }))).SecretString,
    write: async (id, value) => {
      await client.send(new sdk.PutSecretValueCommand({ SecretId: id, SecretString: value }));
    },
  };
}

async function respond(event, status, reason) {
  const body = JSON.stringify({
    Status: status,
    Reason: reason,
    PhysicalResourceId: event.PhysicalResourceId ?? `seed-${event.ResourceProperties.SecretId}`,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
  });
  const response = await fetch(event.ResponseURL, {
    method: 'PUT',
    headers: { 'content-type': '', 'content-length': String(Buffer.byteLength(body)) },
    body,
  });
  if (!response.ok) throw new Error(`CloudFormation response failed: ${response.status}`);
}

export async function handler(event) {
  try {
    const outcome =
      event.RequestType === 'Create'
        ? await seed(await secretsManager(), event.ResourceProperties.SecretId)
        : 'nothing to do';
    console.log(JSON.stringify({ requestType: event.RequestType, outcome }));
    await respond(event, 'SUCCESS', outcome);
  } catch (error) {
    console.error(error);
    await respond(event, 'FAILED', String(error?.message ?? error).slice(0, 500));
  }
}
