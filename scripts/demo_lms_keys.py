"""Make (once) the RSA key pair that plays the LMS's JWT signing key in the demo.

Writes ``<dir>/demo-lms-key.pem`` (private, for the workbench that stands in for the LMS) and
``<dir>/demo-lms-jwks.json`` (public, for the service), and prints the JWK set. The demo key is
local to the checkout's data directory; a real deployment hands over the LMS's own public keys.
"""

import json
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm


def main(directory: str) -> None:
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    private_path = folder / "demo-lms-key.pem"
    jwks_path = folder / "demo-lms-jwks.json"
    if not private_path.exists():
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        private_path.touch(mode=0o600)
        private_path.write_bytes(pem)
    key = serialization.load_pem_private_key(private_path.read_bytes(), password=None)
    jwk = json.loads(RSAAlgorithm.to_jwk(key.public_key()))
    jwk.update({"kid": "openedx", "use": "sig", "alg": "RS512"})
    jwks = json.dumps({"keys": [jwk]})
    jwks_path.write_text(jwks)
    print(jwks)


if __name__ == "__main__":
    main(sys.argv[1])
