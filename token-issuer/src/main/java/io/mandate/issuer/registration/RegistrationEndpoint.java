package io.mandate.issuer.registration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;

/**
 * {@code POST /oauth2/register} (RFC 7591 §3) and {@code GET/PUT/DELETE /oauth2/register/{client_id}}
 * (RFC 7592 §2), authenticated by an initial access token (when the deployment requires one) and by the
 * registration access token. The body is read raw, so its size, media type and duplicate members are
 * judged here before anything else looks at it.
 */
@RestController
@ConditionalOnProperty(prefix = "mandate.issuer.registration", name = "enabled", matchIfMissing = true)
class RegistrationEndpoint {

    static final String PATH = "/oauth2/register";

    private final RegistrationService registrations;
    private final RegistrationProperties properties;

    RegistrationEndpoint(RegistrationService registrations, RegistrationProperties properties) {
        this.registrations = registrations;
        this.properties = properties;
    }

    @PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ObjectNode> register(HttpServletRequest request,
                                        @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization)
            throws IOException {
        ObjectNode registered = registrations.register(request.getContentType(), body(request), authorization);
        return answer(HttpStatus.CREATED, registered);
    }

    @GetMapping(path = PATH + "/{clientId}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ObjectNode> read(@PathVariable String clientId,
                                    @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        return answer(HttpStatus.OK, registrations.read(clientId, authorization));
    }

    @PutMapping(path = PATH + "/{clientId}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ObjectNode> update(@PathVariable String clientId, HttpServletRequest request,
                                      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization)
            throws IOException {
        return answer(HttpStatus.OK, registrations.update(clientId, request.getContentType(), body(request), authorization));
    }

    @DeleteMapping(path = PATH + "/{clientId}")
    ResponseEntity<Void> delete(@PathVariable String clientId,
                                @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        registrations.delete(clientId, authorization);
        return ResponseEntity.noContent().cacheControl(CacheControl.noStore()).build();
    }

    private byte[] body(HttpServletRequest request) throws IOException {
        return RegistrationJson.readBody(request.getInputStream(), properties.maxBodyBytes());
    }

    /** Responses carry a secret or a token: never cached (RFC 7591 §3.2.1). */
    private static ResponseEntity<ObjectNode> answer(HttpStatus status, ObjectNode body) {
        return ResponseEntity.status(status)
                .cacheControl(CacheControl.noStore())
                .header("Pragma", "no-cache")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body);
    }
}
