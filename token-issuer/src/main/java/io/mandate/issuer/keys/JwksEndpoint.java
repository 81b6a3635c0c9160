package io.mandate.issuer.keys;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** Serves the issuer's public keys as a JWK Set (RFC 7517 §5), advertised as {@code jwks_uri} (RFC 8414 §2). */
@RestController
class JwksEndpoint {

    static final String PATH = "/oauth2/jwks";

    /**
     * Short enough that resource servers pick up a rotated key soon, long enough to spare the
     * issuer a fetch per verification; verifiers refetch on an unknown kid anyway.
     */
    static final Duration MAX_AGE = Duration.ofMinutes(5);

    private final SigningKeys keys;
    private final Clock clock;

    JwksEndpoint(SigningKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(MAX_AGE).cachePublic())
                // toJSONObject(true): public parameters only, a second guard besides publicJwkSet()
                .body(keys.publicJwkSet(clock.instant()).toJSONObject(true));
    }
}
