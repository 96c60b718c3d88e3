package io.driftline.learn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvInstancesTest {

    @Test
    void infersNumericAndNominalColumnsWithTargetLast() {
        CsvInstances d = CsvInstances.parse("x,colour,y\n1.5,red,yes\n,blue,no\n-2e3,red,yes\n");
        Schema s = d.schema();
        assertEquals("y", s.target().name());
        assertTrue(s.isClassification());
        assertFalse(s.inputs().get(0).isNominal());
        assertEquals(List.of("red", "blue"), s.inputs().get(1).values());
        assertArrayEquals(new double[] {1.5, 0}, d.rows().get(0));
        assertTrue(Double.isNaN(d.rows().get(1)[0]));
        assertArrayEquals(new double[] {0, 1, 0}, d.targets());
    }

    @Test
    void namedTargetAndSuppliedSchema() {
        CsvInstances d = CsvInstances.parse("label,a\nq,1\np,2\n", "label", null);
        assertEquals("label", d.schema().target().name());
        assertEquals(List.of("q", "p"), d.schema().target().values());
        Schema schema = new Schema(List.of(Attribute.numeric("a")), Attribute.nominal("label", List.of("p", "q")));
        CsvInstances e = CsvInstances.parse("label,a\nq,1\np,2\nr,3\n", null, schema);
        assertArrayEquals(new double[] {1, 0, 2}, e.targets());
    }

    @Test
    void errorsNameTheLine() {
        assertEquals("line 1: empty input, expected a header row",
                assertThrows(IllegalArgumentException.class, () -> CsvInstances.parse("")).getMessage());
        assertEquals("line 1: missing header: the first row holds only numbers",
                assertThrows(IllegalArgumentException.class, () -> CsvInstances.parse("1,2\n3,4\n")).getMessage());
        assertEquals("line 1: missing header row",
                assertThrows(IllegalArgumentException.class, () -> CsvInstances.parse("\na,b\n1,2\n")).getMessage());
        assertEquals("line 3: expected 2 fields as in the header, found 3",
                assertThrows(IllegalArgumentException.class, () -> CsvInstances.parse("a,b\n1,x\n2,y,z\n")).getMessage());
        Schema schema = new Schema(List.of(Attribute.numeric("a")), Attribute.nominal("b", List.of()));
        assertEquals("line 4: column 'a' is numeric but the value 'oops' is not a number",
                assertThrows(IllegalArgumentException.class,
                        () -> CsvInstances.parse("a,b\n1,x\n2,y\noops,z\n", null, schema)).getMessage());
        assertEquals("line 1: no column named 'c'",
                assertThrows(IllegalArgumentException.class, () -> CsvInstances.parse("a,b\n1,2\n", "c", null)).getMessage());
    }

    @Test
    void quotedFields() {
        CsvInstances d = CsvInstances.parse("\"a\",b\n\"x, \"\"y\"\"\",1\n");
        assertEquals("x, \"y\"", d.schema().inputs().get(0).value(0));
    }

    @Test
    void readsSchemaFiles() {
        Schema s = CsvInstances.parseSchema("name,type,values\nsize,nominal,small|medium\nw,numeric,\nclass,nominal,f|t\n");
        assertEquals(2, s.numInputs());
        assertEquals(List.of("f", "t"), s.target().values());
        assertEquals("line 3: unknown type 'text'", assertThrows(IllegalArgumentException.class,
                () -> CsvInstances.parseSchema("name,type,values\nsize,nominal,a\nw,text,\n")).getMessage());
    }
}
