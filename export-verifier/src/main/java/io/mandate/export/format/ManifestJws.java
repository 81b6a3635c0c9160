package io.mandate.export.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;

import java.io.IOException;
import java.text.ParseException;

/**
 * The manifest as a compact JWS (RFC 7515 §7.1), ES256 (RFC 7518 §3.4) over the manifest's JSON,
 * with the signing key's {@code kid} and the type {@value #TYPE} in the protected header.
 */
public final class ManifestJws {

    public static final String TYPE = "mandate-export-manifest+json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ManifestJws() {
    }

    public static String sign(Manifest manifest, ECKey key) {
        try {
            JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID())
                    .type(new JOSEObjectType(TYPE)).build(), new Payload(JSON.writeValueAsString(manifest.toJson())));
            jws.sign(new ECDSASigner(key));
            return jws.serialize();
        } catch (JOSEException | IOException e) {
            throw new IllegalStateException("cannot sign the export manifest", e);
        }
    }

    /**
     * Checks the signature against the key named by {@code kid} in {@code keys} and reads the claims.
     *
     * @throws InvalidManifestException saying what is wrong, for the verifier's report
     */
    public static Manifest verify(String compact, JWKSet keys) {
        JWSObject jws;
        try {
            jws = JWSObject.parse(compact);
        } catch (ParseException e) {
            throw new InvalidManifestException("the manifest is not a compact JWS");
        }
        JWSHeader header = jws.getHeader();
        if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
            throw new InvalidManifestException("the manifest is signed with " + header.getAlgorithm() + ", not ES256");
        }
        if (header.getType() == null || !TYPE.equals(header.getType().getType())) {
            throw new InvalidManifestException("the manifest's JWS type is not " + TYPE);
        }
        String kid = header.getKeyID();
        JWK jwk = kid == null ? null : keys.getKeyByKeyId(kid);
        if (!(jwk instanceof ECKey key) || !Curve.P_256.equals(key.getCurve())) {
            throw new InvalidManifestException("the manifest is signed with key '" + kid
                    + "', which is not an EC P-256 key of the given JWKS: replaced manifest, or the wrong JWKS");
        }
        try {
            if (!jws.verify(new ECDSAVerifier(key.toPublicJWK()))) {
                throw new InvalidManifestException("the manifest's signature does not verify with key '" + kid
                        + "': the manifest was altered or forged");
            }
        } catch (JOSEException e) {
            throw new InvalidManifestException("the manifest's signature cannot be checked: " + e.getMessage());
        }
        try {
            JsonNode claims = JSON.readTree(jws.getPayload().toString());
            return Manifest.fromJson(claims);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidManifestException("the signed manifest is malformed: " + e.getMessage());
        }
    }

    /** The key id a manifest names, without checking anything; null when it is not a JWS. */
    public static String keyIdOf(String compact) {
        try {
            return JWSObject.parse(compact).getHeader().getKeyID();
        } catch (ParseException e) {
            return null;
        }
    }

    /** Why a manifest cannot be trusted. */
    public static final class InvalidManifestException extends RuntimeException {

        public InvalidManifestException(String message) {
            super(message);
        }
    }
}
