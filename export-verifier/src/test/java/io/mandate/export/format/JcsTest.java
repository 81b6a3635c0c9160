package io.mandate.export.format;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JcsTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void stringsWhenEscapedThenAsRfc8785Section3_2_2_2() throws Exception {
        // RFC 8785 §3.2.2's sample without its numbers (fractional numbers are refused here).
        String input = "{\"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\","
                + " \"literals\": [null, true, false]}";

        assertThat(Jcs.canonicalize(json.readTree(input)))
                .isEqualTo("{\"literals\":[null,true,false],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    }

    @Test
    void membersWhenSortedThenByUtf16CodeUnitsAsRfc8785Section3_2_3() throws Exception {
        String input = "{\"\\u20ac\": \"Euro Sign\", \"\\r\": \"Carriage Return\", \"\\ufb33\": \"Hebrew Letter Dalet With Dagesh\","
                + " \"1\": \"One\", \"\\ud83d\\ude00\": \"Emoji: Grinning Face\", \"\\u0080\": \"Control\","
                + " \"\\u00f6\": \"Latin Small Letter O With Diaeresis\"}";

        String canonical = Jcs.canonicalize(json.readTree(input));

        assertThat(canonical).startsWith("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"ö\":\"Latin Small Letter O With Diaeresis\",\"€\":\"Euro Sign\",\"😀\":\"Emoji: Grinning Face\","
                + "\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @Test
    void nestedObjectsAndIntegersWhenCanonicalisedThenSortedAtEveryDepthWithoutWhitespace() throws Exception {
        assertThat(Jcs.canonicalize(json.readTree("{ \"b\": [ {\"z\": 1, \"a\": -2} ], \"a\": { \"y\": 9007199254740992, \"x\": 1.0e2 } }")))
                .isEqualTo("{\"a\":{\"x\":100,\"y\":9007199254740992},\"b\":[{\"a\":-2,\"z\":1}]}");
    }

    @Test
    void numbersWhenFractionalOrBeyondTwoToTheFiftyThirdThenRefused() throws Exception {
        assertThatThrownBy(() -> Jcs.canonicalize(json.readTree("{\"a\": 4.5}")))
                .isInstanceOf(Jcs.NotCanonicalizableException.class);
        assertThatThrownBy(() -> Jcs.canonicalize(json.readTree("{\"a\": 9007199254740993}")))
                .isInstanceOf(Jcs.NotCanonicalizableException.class);
    }

    @Test
    void stringWhenItHoldsALoneSurrogateThenRefused() {
        assertThatThrownBy(() -> Jcs.canonicalize(json.getNodeFactory().textNode("a\ud800b")))
                .isInstanceOf(Jcs.NotCanonicalizableException.class);
    }
}
