package io.mandate.issuer.ids;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class RandomIdsTest {

    @Test
    void uuidWhenGeneratedThenVersion4Rfc9562VariantInCanonicalForm() {
        for (int i = 0; i < 1_000; i++) {
            String id = RandomIds.uuid();
            UUID parsed = UUID.fromString(id);

            assertThat(parsed.version()).isEqualTo(4);
            assertThat(parsed.variant()).isEqualTo(2);
            assertThat(parsed.toString()).isEqualTo(id).hasSize(36);
        }
    }

    @Test
    void uuidWhenManyThreadsDrawThenNoneRepeats() {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 200_000).parallel().forEach(i -> seen.add(RandomIds.uuid()));

        assertThat(seen).hasSize(200_000);
    }

    @Test
    void uuidWhenDrawnThenBitsVaryBeyondTheFixedOnes() {
        Set<Character> firstDigits = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            firstDigits.add(RandomIds.uuid().charAt(0));
        }
        assertThat(firstDigits).hasSizeGreaterThan(8);
    }
}
