/** Every top-level command registers itself here, in the order `paten --help` lists them. */
import type { Command } from 'commander';
import { registerInit } from './init.js';
import { registerProfil } from './profil.js';
import { registerDesa } from './desa.js';
import { registerLayanan } from './layanan.js';
import { registerQr } from './qr.js';
import { registerSurvey } from './survey.js';
import { registerIkm } from './ikm.js';
import { registerReport } from './report.js';
import { registerBazar } from './bazar.js';
import { registerInfo } from './info.js';
import { registerDb } from './db.js';
import { registerDemo } from './demo.js';

export const COMMANDS: ((program: Command) => void)[] = [
  registerInit,
  registerProfil,
  registerDesa,
  registerLayanan,
  registerQr,
  registerSurvey,
  registerIkm,
  registerReport,
  registerBazar,
  registerInfo,
  registerDb,
  registerDemo,
];
