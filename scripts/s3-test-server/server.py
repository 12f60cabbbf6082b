"""An S3-compatible server on loopback for the object storage tests: moto's server on a free
port of 127.0.0.1. It creates the buckets named on the command line, prints
`ENDPOINT <url>` once it answers, and stops when its stdin closes (the test that started it
ended). Run with the interpreter of the venv that install.sh makes."""

import sys

import boto3
from moto.server import ThreadedMotoServer

server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
host, port = server.get_host_and_port()
endpoint = f"http://{host}:{port}"
s3 = boto3.client(
    "s3",
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id="test",
    aws_secret_access_key="test",
)
for bucket in sys.argv[1:]:
    s3.create_bucket(Bucket=bucket)
print(f"ENDPOINT {endpoint}", flush=True)
sys.stdin.read()
server.stop()
