import { Stack, type StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as route53 from 'aws-cdk-lib/aws-route53';
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../config/environment-config.js';

export interface CertificateStackProps extends StackProps {
  config: EnvironmentConfig;
}

/**
 * The public TLS certificate of the service's hostname, validated through DNS in the
 * environment's hosted zone. The zone is imported by id and name (no lookup: synth stays offline),
 * because it outlives any stack: it is delegated from the parent domain once, by hand.
 */
export class CertificateStack extends Stack {
  readonly certificate: acm.Certificate;
  readonly zone: route53.IHostedZone;

  constructor(scope: Construct, id: string, props: CertificateStackProps) {
    super(scope, id, props);
    const { names } = props.config;
    this.zone = route53.HostedZone.fromHostedZoneAttributes(this, 'Zone', {
      hostedZoneId: names.zoneId,
      zoneName: names.zoneName,
    });
    this.certificate = new acm.Certificate(this, 'ServiceCertificate', {
      domainName: names.hostname,
      validation: acm.CertificateValidation.fromDns(this.zone),
    });
  }
}
