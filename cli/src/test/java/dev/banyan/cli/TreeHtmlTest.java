package dev.banyan.cli;

import dev.banyan.api.records.JsonRecords;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TreeHtmlTest {

    @Test
    void embeddedJsonCannotCloseItsScriptAndReadsBackTheSame() throws Exception {
        ObjectNode record = JsonRecords.MAPPER.createObjectNode();
        record.put("question", "</script><script>alert(1)</script> & <!-- \u2028");

        String embedded = TreeHtml.scriptSafeJson(record);

        assertThat(embedded).doesNotContain("<").doesNotContain(">").doesNotContain("&").doesNotContain("\u2028");
        JsonNode back = JsonRecords.MAPPER.readTree(embedded);
        assertThat(back).isEqualTo(record);
    }

    @Test
    void theTitleIsEscapedAndTheDataSlotHoldsTheRecord() throws Exception {
        ObjectNode record = JsonRecords.MAPPER.createObjectNode();
        record.put("id", "a<b");
        record.put("question", "/*TREE_DATA*/ <!--TITLE-->");
        record.putArray("nodes");

        String page = TreeHtml.render(record);

        assertThat(page).doesNotContain("<!--TITLE-->").contains("<title>Banyan search tree: a&lt;b (");
        String open = "<script id=\"tree-data\" type=\"application/json\">";
        int start = page.indexOf(open) + open.length();
        String data = page.substring(start, page.indexOf("</script>", start));
        assertThat(JsonRecords.MAPPER.readTree(data)).isEqualTo(record);
    }
}
