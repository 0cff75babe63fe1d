//! An engine's whole scan in one in-process mock (features `glue`, `sts`, `s3`; no network): the
//! engine assumes its role with STS, carrying the `LakeFormationAuthorizedCaller` session tag;
//! asks Glue `GetUnfilteredTableMetadata` as that session which columns it may read and which
//! rows; has Lake Formation vend keys for the table; reads the table's Parquet file from S3 with
//! those keys (its own session keys would be refused); keeps the authorized columns, applies the
//! row filter, and prints the rows and the journal of every request.
//!
//! Run it with `cargo run --example engine_scan --features glue,sts,s3`.

use aws_credential_types::Credentials;
use aws_sdk_glue::types::PermissionType as GluePermissionType;
use aws_sdk_lakeformation::types::{Permission, PermissionType, QuerySessionContext};
use aws_sdk_sts::types::Tag;
use lakeformation_mock::MockLakeFormation;
use lakeformation_mock::lake::{CellFilter, DataLakeSettings, Grant, Lake, Principal, Role, Table, TableSchema};
use parquet::data_type::{ByteArray, ByteArrayType, DataType, DoubleType, Int64Type};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::file::writer::{SerializedFileWriter, SerializedRowGroupWriter};
use parquet::record::Field;
use parquet::schema::{parser::parse_message_type, types::Type};
use std::sync::Arc;

const ACCOUNT: &str = "123456789012";
const CI_KEY: &str = "AKIDCI"; // the engine's base identity, which may assume its role
const CI_ARN: &str = "arn:aws:iam::123456789012:user/ci";
const ROLE_ARN: &str = "arn:aws:iam::123456789012:role/scan-engine";

/// The table `sales.orders` as one uncompressed Parquet file, written with the `parquet` crate.
fn orders_parquet() -> Vec<u8> {
    let schema = "message orders { REQUIRED INT64 id; REQUIRED BYTE_ARRAY country (UTF8); \
                  REQUIRED DOUBLE amount; REQUIRED BYTE_ARRAY card_number (UTF8); }";
    let schema = Arc::new(parse_message_type(schema).unwrap());
    let mut file = SerializedFileWriter::new(Vec::new(), schema, Default::default()).unwrap();
    let mut rows = file.next_row_group().unwrap();
    let text = |values: &[&str]| values.iter().map(|v| ByteArray::from(*v)).collect::<Vec<_>>();
    column::<Int64Type>(&mut rows, &[1, 2, 3, 4]);
    column::<ByteArrayType>(&mut rows, &text(&["US", "FR", "US", "DE"]));
    column::<DoubleType>(&mut rows, &[12.5, 8.0, 99.9, 42.0]);
    column::<ByteArrayType>(&mut rows, &text(&["4111-0001", "4111-0002", "4111-0003", "4111-0004"]));
    rows.close().unwrap();
    file.into_inner().unwrap()
}

/// Writes the row group's next column.
fn column<T: DataType>(rows: &mut SerializedRowGroupWriter<'_, Vec<u8>>, values: &[T::T]) {
    let mut column = rows.next_column().unwrap().unwrap();
    column.typed::<T>().write_batch(values, None, None).unwrap();
    column.close().unwrap();
}

/// The row filter, evaluated for the one shape this example's lake uses, `column = 'value'`. A
/// real engine hands the expression to its SQL planner; this example has none.
fn keeps(filter: &str, row: &[(String, Field)]) -> bool {
    let (column, value) = filter.split_once(" = ").expect("a filter of the shape column = 'value'");
    let value = value.trim_matches('\'');
    row.iter().any(|(name, field)| name == column && matches!(field, Field::Str(s) if s == value))
}

#[tokio::main]
async fn main() {
    // The lake: the engine's role, trusted by CI's user and allowlisted by its session tag; a table
    // whose cell filter lets the role read three of four columns of the US rows.
    let lake = Lake::builder()
        .settings(
            DataLakeSettings::default()
                .allow_external_data_filtering(true)
                .external_data_filtering_allow(ACCOUNT)
                .authorized_session_tag_value("scan-engine"),
        )
        .register_location("s3://warehouse/sales/")
        .table(Table::new("sales", "orders").location("s3://warehouse/sales/orders/"))
        .schema(
            TableSchema::new("sales", "orders")
                .column("id", "bigint")
                .column("country", "string")
                .column("amount", "double")
                .column("card_number", "string"),
        )
        .cell_filter(
            CellFilter::new("us-rows", "sales", "orders")
                .row_filter("country = 'US'")
                .columns(["id", "country", "amount"]),
        )
        .principal(Principal::new(CI_KEY, CI_ARN))
        .role(Role::new(ROLE_ARN).trusts(CI_ARN))
        .grant(Grant::new(ROLE_ARN, "sales", "orders", [Permission::Select]).cell_filter("us-rows"))
        .build();
    let mock = MockLakeFormation::new().with_lake(&lake);
    mock.s3().put("s3://warehouse/sales/orders/part-0.parquet", orders_parquet());

    // 1. STS: the engine assumes its role with the session tag Lake Formation allowlists.
    let tag = Tag::builder().key("LakeFormationAuthorizedCaller").value("scan-engine").build().unwrap();
    let assumed =
        mock.sts_client_as(CI_KEY).assume_role().role_arn(ROLE_ARN).role_session_name("scan").tags(tag).send().await;
    let c = assumed.unwrap().credentials.unwrap();
    let session = Credentials::new(c.access_key_id, c.secret_access_key, Some(c.session_token), None, "sts");

    // 2. Glue, as the session: which columns, which rows, and the id that authorizes the scan.
    let glue =
        aws_sdk_glue::Client::from_conf(mock.glue_config_builder().credentials_provider(session.clone()).build());
    let meta = glue
        .get_unfiltered_table_metadata()
        .catalog_id(ACCOUNT)
        .database_name("sales")
        .name("orders")
        .supported_permission_types(GluePermissionType::CellFilterPermission)
        .send()
        .await
        .unwrap();
    let columns = meta.authorized_columns().to_vec();
    let row_filter = meta.row_filter().expect("a row filter to apply").to_owned();
    println!("authorized columns {columns:?}, row filter {row_filter:?}");

    // 3. Lake Formation, as the session: keys for the table, under Glue's authorization id.
    let lakeformation =
        aws_sdk_lakeformation::Client::from_conf(mock.config_builder().credentials_provider(session.clone()).build());
    let context = QuerySessionContext::builder().query_authorization_id(meta.query_authorization_id().unwrap());
    let vended = lakeformation
        .get_temporary_glue_table_credentials()
        .table_arn(meta.resource_arn().unwrap())
        .supported_permission_types(PermissionType::CellFilterPermission)
        .query_session_context(context.build())
        .send()
        .await
        .unwrap();
    let keys = Credentials::new(
        vended.access_key_id().unwrap(),
        vended.secret_access_key().unwrap(),
        vended.session_token().map(str::to_owned),
        None,
        "vended",
    );

    // 4. S3: the session's own keys are refused (the engine bug of reading with ambient keys);
    // the vended keys read the file.
    let ambient = mock.s3_client_with(session).get_object().bucket("warehouse").key("sales/orders/part-0.parquet");
    let refused = ambient.send().await.unwrap_err().into_service_error();
    println!("with the session's own keys: {}", aws_sdk_s3::error::ProvideErrorMetadata::code(&refused).unwrap());
    let object = mock.s3_client_with(keys).get_object().bucket("warehouse").key("sales/orders/part-0.parquet");
    let bytes = object.send().await.unwrap().body.collect().await.unwrap().into_bytes();

    // 5. Decode, reading only the authorized columns, and keep the rows the filter allows.
    let file = SerializedFileReader::new(bytes).unwrap();
    let fields = file.metadata().file_metadata().schema().get_fields();
    let authorized = fields.iter().filter(|f| columns.iter().any(|c| c == f.name())).cloned().collect();
    let projection = Type::group_type_builder("orders").with_fields(authorized).build().unwrap();
    println!("rows:");
    for row in file.get_row_iter(Some(projection)).unwrap() {
        let row: Vec<(String, Field)> = row.unwrap().into_columns();
        if keeps(&row_filter, &row) {
            let cells: Vec<String> = row.iter().map(|(name, value)| format!("{name}={value}")).collect();
            println!("  {}", cells.join(" "));
        }
    }

    // 6. The journal: each request, with the access key it was signed with.
    println!("journal:");
    for request in mock.requests() {
        let status = request.answer().status_code().unwrap_or_default();
        println!("  {:<36} {:<22} {status}", request.operation().to_string(), request.access_key_id().unwrap_or("-"));
    }
    let s3_reads = mock.journal().s3_inputs();
    assert!(s3_reads.last().unwrap().vended_for() == [meta.resource_arn().unwrap()], "{s3_reads:?}");
}
