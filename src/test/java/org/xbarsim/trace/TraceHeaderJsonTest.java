package org.xbarsim.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON header: what each version writes, and the message for each kind of bad field. */
class TraceHeaderJsonTest {
    private static final String GOOD = "{'format':'xbarsim-trace','version':3,'model':'m','config':'c','clockGhz':1.5,"
            + "'windowCycles':4,'attributes':{'images':'2'},'components':[{'id':0,'name':'x','kind':'adc','tile':0}],"
            + "'actions':[{'id':0,'name':'convert'}],'layers':['conv1']}";

    private static TraceHeader parse(String json) {
        return TraceHeaderJson.fromBytes(json.replace('\'', '"').getBytes(StandardCharsets.UTF_8), IllegalStateException::new);
    }

    private static String problem(String json) {
        return assertThrows(IllegalStateException.class, () -> parse(json)).getMessage();
    }

    @Test
    void aHeaderReadsBackWithEveryField() {
        TraceHeader h = parse(GOOD);
        assertEquals(List.of("m", "c", 1.5, 4L, "2", "x", "convert", List.of("conv1")), List.of(h.model(), h.config(), h.clockGhz(),
                h.windowCycles(), h.attributes().get("images"), h.components().get(0).name(), h.actions().get(0).name(), h.layers()));
        assertEquals(h, parse(new String(TraceHeaderJson.toBytes(h, 3), StandardCharsets.UTF_8)));
    }

    @Test
    void version2WritesNoLayersAndAHeaderWithoutThemReadsWithNone() {
        TraceHeader h = parse(GOOD);
        String v2 = new String(TraceHeaderJson.toBytes(h, 2), StandardCharsets.UTF_8);
        assertEquals(-1, v2.indexOf("layers"));
        assertEquals(List.of(), parse(v2).layers());
        assertEquals(List.of(), parse(GOOD.replace(",'layers':['conv1']", "")).layers());
        assertEquals(0, parse(GOOD.replace("'attributes':{'images':'2'},", "")).attributes().size(), "attributes are optional");
    }

    @Test
    void eachBadFieldIsNamed() {
        List<String> got = new ArrayList<>();
        got.add(problem("[1]"));
        got.add(problem(GOOD.replace("'format':'xbarsim-trace'", "'format':7")));
        got.add(problem(GOOD.replace("'model':'m'", "'model':null")));
        got.add(problem(GOOD.replace("'clockGhz':1.5", "'clockGhz':'fast'")));
        got.add(problem(GOOD.replace("'windowCycles':4,", "")));
        got.add(problem(GOOD.replace("'components':[", "'components':{'a':").replace("}],'actions'", "}},'actions'")));
        got.add(problem(GOOD.replace("'layers':['conv1']", "'layers':[1]")));
        got.add(problem(GOOD.replace("'layers':['conv1']", "'layers':'conv1'")));
        got.add(problem(GOOD.replace("'clockGhz':1.5", "'clockGhz':0")));
        got.add(problem(GOOD.replace("'tile':0", "'tile':'0'")));
        got.add(problem(GOOD.replace("{'id':0,'name':'convert'}", "{'id':0}")));
        assertEquals(List.of("header is not a JSON object",
                "header field 'format' is missing or not a string",
                "header field 'model' is missing or not a string",
                "header field 'clockGhz' is missing or not a number",
                "header field 'windowCycles' is missing or not a number",
                "header field 'components' is missing or not an array",
                "header field 'layers' holds 1, not a layer name",
                "header field 'layers' is missing or not an array",
                "invalid header: clockGhz must be a positive finite number, got 0.0",
                "header field 'tile' is missing or not a number",
                "header field 'name' is missing or not a string"), got);
        assertEquals("header is not valid JSON: ", problem("{").substring(0, 26));
    }
}
