"""A demo signing key for the workbench (it plays the LMS) and the public key set the service
must trust.

    python -m xblocks.sdk_workbench.demo_keys var/workbench/jwt-key.pem

writes the PEM file once (kept on later runs) and prints the JWK set for the service's
COLLAB_LMS_JWT_PUBLIC_JWKS. For demos only: a real LMS signs with its own key.
"""

import json
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm


def key_file(path: Path) -> rsa.RSAPrivateKey:
    if path.exists():
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        if not isinstance(key, rsa.RSAPrivateKey):
            raise SystemExit(f"{path} does not hold an RSA key")
        return key
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    path.chmod(0o600)
    return key


def public_jwks(key: rsa.RSAPrivateKey, kid: str = "openedx") -> str:
    jwk = json.loads(RSAAlgorithm.to_jwk(key.public_key()))
    jwk.update({"kid": kid, "use": "sig", "alg": "RS512"})
    return json.dumps({"keys": [jwk]})


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    print(public_jwks(key_file(Path(sys.argv[1]))))
