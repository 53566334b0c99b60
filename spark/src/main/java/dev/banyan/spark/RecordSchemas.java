package dev.banyan.spark;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

/**
 * Spark schemas of the records Banyan writes ({@code dev.banyan.api.records}), read off the record classes, so that
 * a Parquet output has exactly the fields of the JSON lines, under the same names, whatever the api adds later.
 * Every field is nullable; a map (a tree's task settings) becomes a map of text, a nested JSON value kept as its
 * JSON text.
 */
final class RecordSchemas {
    private RecordSchemas() {
    }

    static StructType of(Class<? extends Record> type) {
        StructType schema = new StructType();
        for (RecordComponent component : type.getRecordComponents()) {
            schema = schema.add(component.getName(), typeOf(component.getGenericType(), type), true);
        }
        return schema;
    }

    private static DataType typeOf(Type type, Class<?> owner) {
        if (type instanceof ParameterizedType parameterized) {
            Type raw = parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (raw == List.class) {
                return DataTypes.createArrayType(typeOf(arguments[0], owner), true);
            }
            if (raw == Map.class && arguments[0] == String.class) {
                return DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true);
            }
        } else if (type instanceof Class<?> plain) {
            if (plain == String.class) {
                return DataTypes.StringType;
            }
            if (plain == boolean.class || plain == Boolean.class) {
                return DataTypes.BooleanType;
            }
            if (plain == int.class || plain == Integer.class) {
                return DataTypes.IntegerType;
            }
            if (plain == long.class || plain == Long.class) {
                return DataTypes.LongType;
            }
            if (plain == double.class || plain == Double.class) {
                return DataTypes.DoubleType;
            }
            if (plain.isRecord()) {
                @SuppressWarnings("unchecked")
                Class<? extends Record> nested = (Class<? extends Record>) plain;
                return of(nested);
            }
        }
        throw new IllegalArgumentException("no Spark type for " + type.getTypeName() + " in " + owner.getName());
    }
}
