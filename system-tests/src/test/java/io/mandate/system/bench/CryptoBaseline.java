package io.mandate.system.bench;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.security.Provider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The raw cost of the issuer's cryptography: ES256 sign and parse + verify of a token-sized JWT
 * (the claims of a Mandate token two hops deep) through Nimbus, with the provider the issuer
 * selects — AWS-LC (Amazon Corretto Crypto Provider) when its native library loads, else the JDK's.
 * Loaded by reflection, so the benchmark compiles without the provider on the class path.
 */
final class CryptoBaseline {

    /** Operations per second, single thread and with {@code threads} threads. */
    record Rates(double sign1, double verify1, double signN, double verifyN) {
    }

    final Provider provider;
    final String providerName;
    private final ECKey key;
    private final String token;

    CryptoBaseline() throws Exception {
        Provider chosen = null;
        String name;
        try {
            Class<?> type = Class.forName("com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider");
            Provider accp = (Provider) type.getField("INSTANCE").get(null);
            Object loadingError = type.getMethod("getLoadingError").invoke(accp);
            if (loadingError != null) {
                throw new IllegalStateException("native library did not load: " + loadingError);
            }
            type.getMethod("assertHealthy").invoke(accp);
            chosen = accp;
            name = accp.getName() + " " + accp.getVersionStr() + " (AWS-LC)";
        } catch (Exception | LinkageError e) {
            name = "JDK (fallback: " + e + ")";
        }
        this.provider = chosen;
        this.providerName = name;
        this.key = new ECKeyGenerator(Curve.P_256).keyID("bench-" + UUID.randomUUID()).generate();
        this.token = sign(newSigner());
    }

    Rates measure(int threads, Duration each) throws Exception {
        return new Rates(rate(1, each, true), rate(1, each, false), rate(threads, each, true), rate(threads, each, false));
    }

    private double rate(int threads, Duration duration, boolean sign) throws Exception {
        AtomicLong operations = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        long deadline = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            ECDSASigner signer = newSigner();
            ECDSAVerifier verifier = new ECDSAVerifier(key.toECPublicKey());
            verifier.getJCAContext().setProvider(provider);
            Thread worker = new Thread(() -> {
                long done = 0;
                try {
                    while (System.nanoTime() < deadline) {
                        if (sign) {
                            sign(signer);
                        } else if (!SignedJWT.parse(token).verify(verifier)) {
                            throw new IllegalStateException("signature did not verify");
                        }
                        done++;
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                operations.addAndGet(done);
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return operations.get() / ((System.nanoTime() - start) / 1e9);
    }

    private ECDSASigner newSigner() throws Exception {
        ECDSASigner signer = new ECDSASigner(key);
        signer.getJCAContext().setProvider(provider);
        return signer;
    }

    /** A token shaped like an MCP hop's: act chain, may_act, lineage, grant id. */
    private String sign(ECDSASigner signer) throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("http://127.0.0.1:8082").subject("user-0001")
                .audience("https://bench-api.example/api").claim("client_id", "bench-mcp").claim("azp", "bench-mcp")
                .claim("scope", "bench.read").issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .jwtID(UUID.randomUUID().toString())
                .claim("act", Map.of("sub", "bench-mcp", "act", Map.of("sub", "bench-agent-07")))
                .claim("grant_id", UUID.randomUUID().toString())
                .claim("lineage", List.of(UUID.randomUUID().toString()))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))
                .keyID(key.getKeyID()).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }
}
