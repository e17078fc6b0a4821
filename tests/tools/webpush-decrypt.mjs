// Decrypts one Web Push message body (RFC 8291, aes128gcm) as the receiving browser would, with the npm http_ece
// package: node webpush-decrypt.mjs <body file> <subscriber private key d, base64url> <auth secret, base64url>
// Prints the plaintext on stdout.
import { readFileSync } from 'node:fs';
import { createECDH } from 'node:crypto';
import ece from 'http_ece';

const [bodyFile, privateKey, authSecret] = process.argv.slice(2);
if (!bodyFile || !privateKey || !authSecret) {
  console.error('usage: webpush-decrypt.mjs <body file> <private key> <auth secret>');
  process.exit(2);
}

const receiver = createECDH('prime256v1');
receiver.setPrivateKey(Buffer.from(privateKey, 'base64url'));
const plaintext = ece.decrypt(readFileSync(bodyFile), { version: 'aes128gcm', privateKey: receiver, authSecret });
process.stdout.write(plaintext.toString('utf8'));
