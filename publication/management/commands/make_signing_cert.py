"""Make a self-signed TEST certificate for signing approved plans, for trying the portal and for tests."""

import datetime
import secrets
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.core.management import BaseCommand

from publication.signing import P12_ENV, PASSWORD_ENV

TEST_NAME = "TEST ONLY - Approving Office (not a real certificate)"


def make_test_certificate(common_name=TEST_NAME, days=365):
    """A 2048-bit RSA key and a self-signed certificate for signing documents, with the key as PKCS#12 bytes."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Test certificate for the plan portal"),
        ]
    )
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return key, certificate


class Command(BaseCommand):
    help = "Create a self-signed TEST certificate (PKCS#12) for signing approved plans, in DIR. Never for production."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="Where to write approval-signing-test.p12 (created if missing).")
        parser.add_argument("--days", type=int, default=365, help="How long the certificate is valid (365).")

    def handle(self, *args, directory, days, **options):
        folder = Path(directory)
        folder.mkdir(parents=True, exist_ok=True)
        password = secrets.token_urlsafe(18)
        key, certificate = make_test_certificate(days=days)
        p12 = pkcs12.serialize_key_and_certificates(
            b"approval-signing-test",
            key,
            certificate,
            None,
            serialization.BestAvailableEncryption(password.encode()),
        )
        path = (folder / "approval-signing-test.p12").resolve()
        path.write_bytes(p12)
        path.chmod(0o600)
        (folder / "approval-signing-test.crt").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
        warning = (
            "THIS IS A SELF-SIGNED TEST CERTIFICATE. Signatures made with it prove nothing to anyone else: "
            "use it only to try the portal. An office signs with the certificate issued to it."
        )
        self.stdout.write(self.style.WARNING("*" * 100))
        self.stdout.write(self.style.WARNING(warning))
        self.stdout.write(self.style.WARNING("*" * 100))
        self.stdout.write(f"Wrote {path} and its certificate {path.with_suffix('.crt')}. To sign approvals with it:")
        self.stdout.write(f"export {P12_ENV}={path}")
        self.stdout.write(f"export {PASSWORD_ENV}={password}")
