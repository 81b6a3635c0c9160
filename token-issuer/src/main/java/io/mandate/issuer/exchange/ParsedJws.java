package io.mandate.issuer.exchange;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * A token in strict JWS compact form, parsed: its header and claims as Nimbus's types, and what the
 * signature check needs. Mandate's own tokens take the quick way — header and claims read by
 * {@link JoseJson} into maps and handed to the same Nimbus factories ({@code JWSHeader.parse(Map)},
 * {@code JWTClaimsSet.parse(Map)}) that Nimbus's own parse ends in — which skips Nimbus's shaded Gson,
 * the largest part of reading a subject token (issue #8). Every other shape (a header member beyond
 * {@code alg}, {@code typ}, {@code kid}; JSON Jackson does not read strictly; a segment Java's decoder
 * refuses) is parsed by {@link SignedJWT#parse} exactly as before, so hostile input meets the same code
 * and the same refusal reasons as it always did.
 */
final class ParsedJws {

    /** The members of the headers Mandate writes; anything else goes to Nimbus. */
    private static final Set<String> QUICK_HEADER_MEMBERS = Set.of("alg", "typ", "kid");
    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

    /** The header could not be parsed: not a JWS. */
    static final class BadHeader extends Exception {
        BadHeader() {
            super(null, null, false, false);
        }
    }

    /** The claims could not be parsed. */
    static final class BadClaims extends Exception {
        BadClaims() {
            super(null, null, false, false);
        }
    }

    private final String token;
    private final JWSHeader header;
    private final JWTClaimsSet claims;
    private SignedJWT nimbus;

    private ParsedJws(String token, JWSHeader header, JWTClaimsSet claims, SignedJWT nimbus) {
        this.token = token;
        this.header = header;
        this.claims = claims;
        this.nimbus = nimbus;
    }

    /** Parses a token that passed {@link CompactJws#isStrict}. */
    static ParsedJws parse(String token) throws BadHeader, BadClaims {
        int first = token.indexOf('.');
        int second = token.indexOf('.', first + 1);
        JWSHeader header = quickHeader(token.substring(0, first));
        if (header == null) {
            return byNimbus(token);
        }
        Map<String, Object> claimsObject = quickObject(token.substring(first + 1, second));
        JWTClaimsSet claims;
        try {
            claims = claimsObject == null ? nimbusClaims(token) : JWTClaimsSet.parse(claimsObject);
        } catch (ParseException e) {
            throw new BadClaims();
        }
        return new ParsedJws(token, header, claims, null);
    }

    private static JWSHeader quickHeader(String segment) throws BadHeader {
        Map<String, Object> object = quickObject(segment);
        if (object == null || !QUICK_HEADER_MEMBERS.containsAll(object.keySet())) {
            return null;
        }
        try {
            return JWSHeader.parse(object, new Base64URL(segment));
        } catch (ParseException e) {
            throw new BadHeader();  // what SignedJWT.parse throws for this header too
        }
    }

    private static Map<String, Object> quickObject(String segment) {
        byte[] json;
        try {
            json = BASE64URL.decode(segment);
        } catch (IllegalArgumentException e) {
            return null;
        }
        // Decoded as Nimbus decodes it (UTF-8, malformed bytes replaced), then read strictly.
        return JoseJson.object(new String(json, StandardCharsets.UTF_8));
    }

    private static ParsedJws byNimbus(String token) throws BadHeader, BadClaims {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            throw new BadHeader();
        }
        try {
            return new ParsedJws(token, jwt.getHeader(), jwt.getJWTClaimsSet(), jwt);
        } catch (ParseException e) {
            throw new BadClaims();
        }
    }

    private static JWTClaimsSet nimbusClaims(String token) throws ParseException {
        return SignedJWT.parse(token).getJWTClaimsSet();
    }

    JWSHeader header() {
        return header;
    }

    JWTClaimsSet claims() {
        return claims;
    }

    /** RFC 7515 §5.2: the signature over {@code header.payload} as sent (the JWS Signing Input). */
    boolean verify(JWSVerifier verifier) throws JOSEException {
        int last = token.lastIndexOf('.');
        return verifier.verify(header, token.substring(0, last).getBytes(StandardCharsets.US_ASCII),
                new Base64URL(token.substring(last + 1)));
    }

    /** Nimbus's object for the same token (trusted issuers' verification takes it), parsed once if needed. */
    SignedJWT nimbus() throws ParseException {
        if (nimbus == null) {
            nimbus = SignedJWT.parse(token);
        }
        return nimbus;
    }
}
