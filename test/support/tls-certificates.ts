import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TlsFiles {
  /** The CA that signed the server and client certificates. */
  ca: string;
  /** A CA that signed nothing here: verifying the server with it must fail. */
  otherCa: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
}

const openssl = (dir: string, ...args: string[]) =>
  run('openssl', args, { cwd: dir, timeout: 60_000 });

/** A self-signed CA (`<name>.crt`, `<name>.key`) in dir. */
async function makeCa(dir: string, name: string): Promise<void> {
  await openssl(
    dir,
    'req',
    '-x509',
    '-new',
    '-nodes',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.crt`,
    '-days',
    '2',
    '-subj',
    `/CN=${name}`,
  );
}

/** A certificate for `cn` (and SAN `san`, if given) signed by the CA `ca`. */
async function makeLeaf(dir: string, name: string, cn: string, san?: string): Promise<void> {
  await openssl(
    dir,
    'req',
    '-new',
    '-nodes',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.csr`,
    '-subj',
    `/CN=${cn}`,
  );
  const ext = join(dir, `${name}.ext`);
  writeFileSync(ext, san === undefined ? 'basicConstraints=CA:FALSE\n' : `subjectAltName=${san}\n`);
  await openssl(
    dir,
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    `${name}.crt`,
    '-days',
    '2',
    '-extfile',
    ext,
  );
}

/**
 * A test PKI made with openssl in dir: the server certificate names localhost and 127.0.0.1 (not
 * 127.0.0.2, so a host name check can be seen failing), the client certificate names `clientUser`
 * (PostgreSQL's `cert` auth maps the CN to the role).
 */
export async function makeTlsFiles(dir: string, clientUser: string): Promise<TlsFiles> {
  await makeCa(dir, 'ca');
  await makeCa(dir, 'other-ca');
  await makeLeaf(dir, 'server', 'localhost', 'DNS:localhost,IP:127.0.0.1');
  await makeLeaf(dir, 'client', clientUser);
  const file = (name: string) => join(dir, name);
  return {
    ca: file('ca.crt'),
    otherCa: file('other-ca.crt'),
    serverCert: file('server.crt'),
    serverKey: file('server.key'),
    clientCert: file('client.crt'),
    clientKey: file('client.key'),
  };
}
