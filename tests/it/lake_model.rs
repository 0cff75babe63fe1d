//! The lake model as plain data: its JSON form (AWS field names, unknown fields and values
//! refused) and the consistency check that guards building a lake.

use crate::lake_support;

use lake_support::*;
use lakeformation_mock::lake::{Behavior, Grant, Lake, LakeModel, Principal, Table};
use lakeformation_mock::{ErrorCode, MockLakeFormation};
use serde_json::json;

#[test]
fn the_model_round_trips_through_json() {
    let model =
        lake().behavior(Behavior::default().foreign_table_arn_error(ErrorCode::EntityNotFound)).seed(9).build().model();
    let json = serde_json::to_value(&model).unwrap();
    assert_eq!(json["Settings"]["AllowFullTableExternalDataAccess"], json!(true));
    assert_eq!(json["Settings"]["ExternalDataFilteringAllowList"], json!([ACCOUNT]));
    assert_eq!(json["Tables"][1]["Policies"], json!(["COLUMN_PERMISSION"]));
    assert_eq!(json["Grants"][6]["Permissions"], json!(["SELECT", "INSERT"]));
    assert_eq!(json["Behavior"]["ForeignTableArnError"], json!("EntityNotFoundException"));
    assert_eq!(json["Locations"][1], json!({"Uri": "s3://eu-lake/", "Region": "eu-west-1"}));
    let back: LakeModel = serde_json::from_value(json).unwrap();
    assert_eq!(back, model);
}

#[tokio::test]
async fn a_lake_loaded_from_json_answers() {
    let model: LakeModel = serde_json::from_value(json!({
        "AccountId": "123456789012",
        "Region": "us-east-1",
        "Settings": {"AllowFullTableExternalDataAccess": true},
        "Locations": [{"Uri": "s3://lake/"}],
        "Tables": [{"Database": "sales", "Name": "orders", "Location": "s3://lake/sales/orders/"}],
        "Principals": [{"AccessKeyId": "AKIDJSON", "Arn": "arn:aws:iam::123456789012:role/json"}],
        "Grants": [{"Principal": "arn:aws:iam::123456789012:role/json", "Database": "sales", "Table": "orders", "Permissions": ["SELECT"]}],
        "Behavior": {"DefaultDurationSeconds": 900}
    }))
    .unwrap();
    assert_eq!(model.behavior, Behavior::default().default_duration_seconds(900), "unset settings keep their defaults");
    let lake = Lake::from_model(model).unwrap();
    let mock = MockLakeFormation::new().with_lake(&lake);
    let out = mock.client_as("AKIDJSON").get_temporary_glue_table_credentials().table_arn(ORDERS).send().await.unwrap();
    assert_eq!(lake.vended(out.access_key_id().unwrap()).unwrap().duration().as_secs(), 900);
}

#[test]
fn unknown_fields_and_values_are_refused() {
    let base = json!({"AccountId": "123456789012", "Region": "us-east-1"});
    let with = |key: &str, value: serde_json::Value| {
        let mut v = base.clone();
        v[key] = value;
        serde_json::from_value::<LakeModel>(v).unwrap_err().to_string()
    };
    assert!(with("Tabels", json!([])).contains("unknown field `Tabels`"));
    assert!(with("Settings", json!({"AllowFullTableAccess": true})).contains("unknown field `AllowFullTableAccess`"));
    let grant = json!([{"Principal": "p", "Database": "d", "Table": "t", "Permissions": ["READ"]}]);
    assert!(with("Grants", grant).contains("unknown value `READ`, expected one of: ALL, ALTER"));
    let table = json!([{"Database": "d", "Name": "t", "Location": "s3://b/t/", "Policies": ["ROW_PERMISSION"]}]);
    assert!(with("Tables", table).contains("unknown value `ROW_PERMISSION`"));
    assert!(with("Behavior", json!({"ForeignTableArnError": "Nope"})).contains("unknown error code `Nope`"));
}

#[test]
fn an_inconsistent_model_lists_every_problem() {
    let err = Lake::builder()
        .account_id("12345")
        .register_location("https://bucket/")
        .table(Table::new("db", "t"))
        .table(Table::new("db", "u").location("s3://bucket/u/"))
        .table(Table::new("db", "u").location("s3://bucket/u2/"))
        .principal(Principal::new("AKIDA", "arn:aws:iam::123456789012:role/a"))
        .principal(Principal::new("AKIDA", "role/b"))
        .grant(Grant::new("arn:aws:iam::123456789012:role/a", "db", "missing", []))
        .grant(Grant::new("arn:aws:iam::123456789012:role/nobody", "db", "u", []))
        .try_build()
        .unwrap_err();
    assert_eq!(
        err.problems,
        [
            "the account id `12345` is not 12 digits",
            "the registered location `https://bucket/` is not an S3 URI (s3://bucket/prefix)",
            "the table db.t has no location: add `.location(\"s3://bucket/prefix/\")`",
            "the table db.u is defined twice",
            "the principal ARN `role/b` has no account id (expected arn:aws:iam::123456789012:role/name)",
            "the access key id `AKIDA` belongs to two principals",
            "a grant names the table db.missing, which the lake does not have",
            "a grant names the principal `arn:aws:iam::123456789012:role/nobody`, which the lake does not have",
        ]
    );
}

#[test]
#[should_panic(expected = "invalid lake model:\n  - the table db.t has no location")]
fn build_panics_with_the_problems() {
    let _ = Lake::builder().table(Table::new("db", "t")).build();
}

#[test]
fn a_fixture_lake_takes_the_builders_defaults_key_by_key() {
    let scenario = lakeformation_mock::fixture::Scenario::from_json_str(r#"{"version": 1, "lake": {}}"#).unwrap();
    assert_eq!(scenario.lake().unwrap().model(), Lake::builder().build().model());
    assert_eq!(serde_json::from_str::<LakeModel>("{}").unwrap(), LakeModel::default());
    assert_eq!(LakeModel::default(), Lake::builder().build().model());

    // A key given replaces its default only.
    let scenario =
        lakeformation_mock::fixture::Scenario::from_json_str(r#"{"version": 1, "lake": {"Region": "eu-west-1"}}"#)
            .unwrap();
    assert_eq!(scenario.lake().unwrap().model(), Lake::builder().region("eu-west-1").build().model());
}
