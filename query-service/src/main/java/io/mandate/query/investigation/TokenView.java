package io.mandate.query.investigation;

import io.mandate.query.token.Standing;
import io.mandate.query.token.TokenDocument;

/** A token as recorded at issuance, and where it stands now (computed when read). */
public record TokenView(TokenDocument token, Standing standing) {
}
