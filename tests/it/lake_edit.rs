//! Granting and revoking one grant on a lake in use (`Lake::grant`, `Lake::revoke`): later
//! requests see the change, the model keeps its order, and a grant naming what the lake does
//! not have is refused as `Lake::update` refuses it.

use crate::lake_support;

use aws_sdk_lakeformation::types::Permission;
use lake_support::*;
use lakeformation_mock::MockLakeFormation;
use lakeformation_mock::lake::Grant;

#[tokio::test]
async fn a_granted_table_is_vended_and_a_revoked_one_refused() {
    let lake = lake().build();
    let mock = MockLakeFormation::new().with_lake(&lake);
    let client = mock.client_as(NOPERM);
    let ask = || client.get_temporary_glue_table_credentials().table_arn(ORDERS).send();

    let (variant, message) = glue_error(ask().await.unwrap_err());
    assert_eq!(
        (variant.as_str(), message.as_str()),
        ("AccessDenied", "Insufficient Lake Formation permission(s): Required SELECT on sales.orders")
    );

    let select = Grant::new(NOPERM_ARN, "sales", "orders", [Permission::Select]);
    lake.grant(select.clone());
    let out = ask().await.unwrap();
    assert_eq!(lake.vended(out.access_key_id().unwrap()).unwrap().principal_arn(), NOPERM_ARN);

    assert!(lake.revoke(&select));
    let (variant, _) = glue_error(ask().await.unwrap_err());
    assert_eq!(variant, "AccessDenied");
    assert!(!lake.revoke(&select), "a grant revoked is no longer held");
}

#[tokio::test]
async fn revoking_a_data_location_grant_refuses_the_location() {
    let lake = lake().build();
    let mock = MockLakeFormation::new().with_lake(&lake);
    let client = mock.client_as(READER);
    let ask = || client.get_temporary_data_location_credentials().data_locations("s3://lake/sales/orders/").send();
    ask().await.unwrap();
    assert!(lake.revoke(&Grant::new(READER_ARN, "sales", "orders", [Permission::Select])));
    let (variant, message) = dl_error(ask().await.unwrap_err());
    assert_eq!(variant, "AccessDenied");
    assert!(message.contains("Required SELECT on sales.orders"), "{message}");
}

#[test]
fn the_model_keeps_the_order_of_the_grants() {
    let lake = lake().build();
    let mut expected = lake.model();
    let middle = expected.grants.remove(3);
    assert!(lake.revoke(&middle));
    assert_eq!(lake.model(), expected, "the others keep their order");
    lake.grant(middle.clone());
    expected.grants.push(middle);
    assert_eq!(lake.model(), expected, "a new grant comes after the others, as the builder adds it");
}

#[test]
fn revoke_removes_every_equal_grant_and_only_those() {
    let restricted = Grant::new(READER_ARN, "sales", "orders", [Permission::Select]).columns(["id"]);
    let lake = lake().grant(restricted.clone()).grant(restricted.clone()).build();
    let before = lake.model().grants.len();
    assert!(lake.revoke(&restricted));
    let grants = lake.model().grants;
    assert_eq!(grants.len(), before - 2);
    assert!(
        grants.contains(&Grant::new(READER_ARN, "sales", "orders", [Permission::Select])),
        "an unequal grant stays"
    );
}

#[test]
fn update_still_sees_granted_and_revoked_grants() {
    let lake = lake().build();
    let extra = Grant::new(NOPERM_ARN, "sales", "customers", [Permission::Select]);
    lake.grant(extra.clone());
    lake.update(|model| assert_eq!(model.grants.last(), Some(&extra)));
    lake.update(|model| model.grants.retain(|g| *g != extra));
    assert!(!lake.revoke(&extra), "update removed it");
}

#[test]
#[should_panic(
    expected = "Lake::grant names the table sales.missing, which the lake does not have; the grant is not added"
)]
fn a_grant_on_an_unknown_table_is_refused() {
    lake().build().grant(Grant::new(READER_ARN, "sales", "missing", [Permission::Select]));
}

#[test]
#[should_panic(
    expected = "Lake::grant names the principal `arn:aws:iam::123456789012:role/nobody`, which the lake does not have"
)]
fn a_grant_to_an_unknown_principal_is_refused() {
    lake().build().grant(Grant::new("arn:aws:iam::123456789012:role/nobody", "sales", "orders", [Permission::Select]));
}

#[test]
fn a_refused_grant_leaves_the_lake_as_it_was() {
    let lake = lake().build();
    let before = lake.model();
    let refused = std::panic::catch_unwind(|| {
        lake.grant(Grant::new(READER_ARN, "sales", "missing", [Permission::Select]));
    });
    assert!(refused.is_err());
    assert_eq!(lake.model(), before);
}
