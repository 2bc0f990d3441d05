package vn.dvc.core.processing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.HexFormat;

/**
 * A development signer: an ECDSA P-256 key pair derived deterministically from a configured seed, so every local
 * run (and every function in the local JVM) has the same key and signatures stay verifiable across restarts.
 * Never used when a KMS key is configured. The key id is {@code local:<first 16 hex of SHA-256(public key)>}.
 */
public final class LocalResultSigner implements ResultSigner {
    private final KeyPair keys;
    private final String keyId;

    public LocalResultSigner(String seed) {
        try {
            // SHA1PRNG seeded before first use is deterministic: same seed, same key pair.
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed.getBytes(StandardCharsets.UTF_8));
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            this.keys = generator.generateKeyPair();
            byte[] fingerprint = MessageDigest.getInstance("SHA-256").digest(keys.getPublic().getEncoded());
            this.keyId = "local:" + HexFormat.of().formatHex(fingerprint, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the local result signing key", e);
        }
    }

    public String keyId() {
        return keyId;
    }

    @Override
    public Signature sign(byte[] sha256Digest) {
        try {
            java.security.Signature ecdsa = java.security.Signature.getInstance("NONEwithECDSA");
            ecdsa.initSign(keys.getPrivate());
            ecdsa.update(sha256Digest);
            return new Signature(keyId, ALGORITHM, ecdsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean verify(String keyId, byte[] sha256Digest, byte[] signature) {
        if (!this.keyId.equals(keyId)) {
            return false;
        }
        try {
            java.security.Signature ecdsa = java.security.Signature.getInstance("NONEwithECDSA");
            ecdsa.initVerify(keys.getPublic());
            ecdsa.update(sha256Digest);
            return ecdsa.verify(signature);
        } catch (java.security.SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
