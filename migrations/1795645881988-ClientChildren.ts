import { MigrationInterface, QueryRunner } from 'typeorm';

/** A client's children, encrypted under the client's key, disclosable by referral (reviewed: generated from the entities). */
export class ClientChildren1795645881988 implements MigrationInterface {
  name = 'ClientChildren1795645881988';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "client_children" ("id" uuid NOT NULL, "client_id" uuid NOT NULL, "name_enc" text NOT NULL, "birth_date_enc" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_client_children" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_client_children_client" ON "client_children"  ("client_id") `);
    await queryRunner.query(`ALTER TABLE "client_children" ADD CONSTRAINT "FK_client_children_client" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "client_children" DROP CONSTRAINT "FK_client_children_client"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_client_children_client"`);
    await queryRunner.query(`DROP TABLE "client_children"`);
  }
}
