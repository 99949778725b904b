package taxonomy

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestVendorShortForms: a vendor's product named by the rest of its name
// ("Lambda", "SD", "Functions") counts only with the vendor, or another of
// its products, beside it on the line, or above a list of such items; the
// same words elsewhere are not the product. Each positive row fails without
// the short forms (vendor.go), each trap row when the rule loosens.
func TestVendorShortForms(t *testing.T) {
	tax := Default()
	for _, tt := range []struct {
		text string
		want []string
	}{
		// positives: the vendor or one of its products beside the form
		{"Services: AWS EC2, RDS, CloudFormation, Lambda, DynamoDB",
			[]string{"aws-ec2", "aws-rds", "aws-cloudformation", "aws-lambda", "dynamodb"}},
		// "HR" (an alias's acronym, weak) next to another module's form
		{"Experience in various SAP modules like MM, FI, CO, SD, PS and HR",
			[]string{"sap", "sap-mm", "sap-fi", "sap-co", "sap-sd", "sap-ps", "sap-hr"}},
		{"SAP ABAP ( ALE / IDOC / EDI )", []string{"sap", "abap", "sap-ale", "sap-idoc"}},
		{"Worked in PM and QM modules of SAP R/3.", []string{"sap-pm", "sap-qm", "sap"}},
		{"Azure (Virtual Machines, Functions, Service Bus)",
			[]string{"azure", "virtualization", "azure-functions", "azure-service-bus"}},
		// an ambiguous vendor name ("AWS", context rule) still names the vendor
		{"AWS: EC2, Lambda, Glue", []string{"aws", "aws-ec2", "aws-lambda", "aws-glue"}},
		// bare acronyms of AWS products count beside AWS or another product
		// only: elsewhere they are a college, a school, gym equipment
		{"Terraform for Snowflake and AWS resources (S3, Glue, IAM).",
			[]string{"terraform", "snowflake", "aws", "aws-s3", "aws-glue", "aws-iam"}},
		{"Terraform modules for VPCs, RDS and IAM", []string{"terraform", "aws-rds", "aws-iam"}},
		{"Cloud: AWS (EC2, ECS, S3, RDS, CloudFront)", []string{"aws", "aws-ec2", "aws-ecs", "aws-s3", "aws-rds", "aws-cloudfront"}},
		{"Designed a wellness program using Kinesis equipment", nil},
		{"MBA, SNS College of Engineering", nil},
		{"the vision and mission of the ECS.", nil},
		// the same form names the product of the vendor beside it
		{"Google Cloud: BigQuery, Pub/Sub, Functions", []string{"gcp", "bigquery", "gcp-pubsub", "gcp-cloud-functions"}},
		// one item per line under a line naming the vendor
		{"SAP modules:\n- SD\n- MM\n- FI", []string{"sap", "sap-sd", "sap-mm", "sap-fi"}},
		// traps: no vendor beside the form
		{"Lambda calculus and higher-order Functions", nil},
		{"Customization in areas of SD, FI & MM modules", nil},
		{"Replaced the SD card and the MM wave radio", nil},
		// an alias's acronym gives no short form: HR here is human resources
		{"HR, Payroll, Benefits, SAP, Excel", []string{"payroll", "sap", "excel"}},
		{"Brio/BI, Quickbooks, SAP, Excel", []string{"quickbooks", "sap", "excel"}},
		// a form that fails hides no shorter name ("SQL Database" is SQL)
		{"Wrote triggers in SQL Database tables", []string{"sql"}},
		// the vendor far down a keyword list is not beside the form
		{"SD, Budgets, Forecasting, Payroll, Excel, Auditing, SAP", []string{"budgeting", "forecasting", "payroll", "excel", "auditing", "sap"}},
		// a short form after an ambiguous name leaves its proper-noun veto
		{"Configured the Access Gateway and NetScaler", nil},
	} {
		if diff := cmp.Diff(tt.want, mentionIDs(tax, tt.text)); diff != "" {
			t.Errorf("Extract(%q) (-want +got):\n%s", tt.text, diff)
		}
	}
}

// TestVendorShortFormsMade: the short forms are made from the names at load
// (an overlay's products get them), never from a name another skill holds,
// and the mention spans the short form alone.
func TestVendorShortFormsMade(t *testing.T) {
	over, err := LoadOverlay(Default(), strings.NewReader(
		"skills:\n  - {id: aws-quicksight, name: AWS QuickSight, category: cloud, implies: [aws]}\n"), "q.yaml")
	if err != nil {
		t.Fatal(err)
	}
	text := "AWS: S3, Athena, QuickSight"
	var got []string
	for _, m := range over.Extract(text) {
		got = append(got, m.SkillID+"="+text[m.Start:m.End])
	}
	want := []string{"aws=AWS", "aws-s3=S3", "aws-athena=Athena", "aws-quicksight=QuickSight"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("overlay Extract(%q) (-want +got):\n%s", text, diff)
	}
	// "CloudWatch" is an alias of Amazon CloudWatch: no short form of it
	if over.isShortForm("cloudwatch") {
		t.Error(`"cloudwatch" is a short form, though a name of Amazon CloudWatch`)
	}
	if !over.isShortForm("quicksight") {
		t.Error(`the overlay's AWS QuickSight has no short form "quicksight"`)
	}
	if s, ok := over.Lookup("HR"); ok {
		t.Errorf(`Lookup("HR") = %q; a weak short form names no product alone`, s.ID)
	}
	// Lookup finds a product by its short form (a role may name "IAM")
	for name, want := range map[string]string{"IAM": "aws-iam", "lambda": "aws-lambda", "SD": "sap-sd", "QuickSight": "aws-quicksight"} {
		if s, ok := over.Lookup(name); !ok || s.ID != want {
			t.Errorf("Lookup(%q) = %q, %v; want %q", name, s.ID, ok, want)
		}
	}
}
