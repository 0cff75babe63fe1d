//! ARNs: Glue table ARNs the callers send, IAM ARNs of principals.

// The table ARN's parts, as validation reads them before the lake does.
pub(crate) use crate::services::validation::TableArn;

/// The ARN of table `database.table`.
pub(crate) fn table_arn(partition: &str, region: &str, account: &str, database: &str, table: &str) -> String {
    format!("arn:{partition}:glue:{region}:{account}:table/{database}/{table}")
}

/// The account id of an IAM or STS ARN (`arn:aws:iam::123456789012:role/name`).
pub(crate) fn account_of(arn: &str) -> Option<&str> {
    let mut parts = arn.splitn(6, ':');
    if parts.next()? != "arn" {
        return None;
    }
    let account = parts.nth(3)?;
    parts.next()?;
    (account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit())).then_some(account)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_table_arns() {
        let arn = TableArn::parse("arn:aws-cn:glue:cn-north-1:123456789012:table/db/t").unwrap();
        assert_eq!(
            (arn.partition, arn.region, arn.account, arn.database, arn.table),
            ("aws-cn", "cn-north-1", "123456789012", "db", "t")
        );
        for bad in [
            "",
            "arn:aws:glue:us-east-1:123456789012:database/db",
            "arn:aws:s3:::b/k",
            "arn:aws:glue:us-east-1:123456789012:table/db/",
            "arn:aws:glue::123456789012:table/db/t",
            "arn:aws:glue:us-east-1:123456789012:table/db/t/x",
        ] {
            assert_eq!(TableArn::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn finds_accounts() {
        assert_eq!(account_of("arn:aws:iam::123456789012:role/r"), Some("123456789012"));
        assert_eq!(account_of("arn:aws:sts::123456789012:assumed-role/r/s"), Some("123456789012"));
        assert_eq!(account_of("arn:aws:iam::12:role/r"), None);
        assert_eq!(account_of("role/r"), None);
    }
}
