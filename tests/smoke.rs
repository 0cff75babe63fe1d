use aws_sdk_lakeformation::operation::get_temporary_glue_table_credentials::GetTemporaryGlueTableCredentialsOutput;
use aws_smithy_types::DateTime;
use lakeformation_mock::{MockLakeFormation, Rule};

#[tokio::test]
async fn smoke() {
    let mock = MockLakeFormation::new();
    Rule::glue_table()
        .respond_with(
            GetTemporaryGlueTableCredentialsOutput::builder()
                .access_key_id("ASIAX")
                .secret_access_key("s")
                .expiration(DateTime::from_secs(1_700_000_000))
                .vended_s3_path("s3://b/p/")
                .build(),
        )
        .mount(&mock);
    let out = mock.client().get_temporary_glue_table_credentials().table_arn("arn").send().await.unwrap();
    assert_eq!(out.access_key_id(), Some("ASIAX"));
    assert_eq!(out.expiration(), Some(&DateTime::from_secs(1_700_000_000)));
    let err = mock.client().get_temporary_data_location_credentials().send().await.unwrap_err();
    println!("{:?}", aws_smithy_types::error::display::DisplayErrorContext(&err));
    println!("{:#?}", mock.requests());
}
