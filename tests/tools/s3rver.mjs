// Starts an S3-compatible server (s3rver) on 127.0.0.1 for the storage adapter tests.
// Usage: node s3rver.mjs <port> <directory> [bucket]   — prints "ready <port>" once listening; stops on SIGTERM/SIGINT or stdin EOF.
import S3rver from 's3rver';

const [portArg, directory, bucket = 'selah-test'] = process.argv.slice(2);
if (!portArg || !directory) {
  console.error('usage: node s3rver.mjs <port> <directory> [bucket]');
  process.exit(2);
}

const server = new S3rver({
  address: '127.0.0.1',
  port: Number(portArg),
  directory,
  silent: true,
  configureBuckets: [{ name: bucket }],
});

const { port } = await server.run();
console.log(`ready ${port}`);

const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// The test process owns us: when it goes away (stdin closes), stop too.
process.stdin.on('end', stop);
process.stdin.resume();
